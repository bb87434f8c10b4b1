"""`make dev`: the whole product on this machine.

One process: the AWS emulator, the demo seed, every function's routes and the built web app,
served by uvicorn on http://127.0.0.1:8000 (`HOST` and `PORT` override).
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from devstack.template import ROOT

WEB_DIST = ROOT / "web" / "dist"


def mount_web(app: FastAPI, dist: Path = WEB_DIST) -> None:
    """Serves the built single-page app; unknown non-API paths fall back to index.html."""

    @app.get("/config.json", include_in_schema=False)
    def config() -> JSONResponse:
        return JSONResponse({"api_url": ""})

    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str):
        if path.startswith("api/"):
            return JSONResponse({"detail": "Recurso não encontrado."}, status_code=404)
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and dist.resolve() in candidate.parents:
            return FileResponse(candidate)
        index = dist / "index.html"
        if not index.is_file():
            return JSONResponse({"detail": "O app web ainda não foi gerado: rode `make web`."}, status_code=503)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})


def build_local_app(box=None) -> FastAPI:
    from devstack.app import build_api

    app = build_api()
    if box is not None:
        from devstack import sandbox

        sandbox.mount(app, box)  # before the web app's catch-all route
    mount_web(app)
    return app


def boot(host: str = "127.0.0.1", port: int = 8000):
    """Start the emulator, create the resources of template.yaml, seed the demo, start the sandbox
    fakes (unless SANDBOX=0), build the app. Returns (app, sandbox or None)."""
    from devstack import sandbox
    from devstack.emulator import start_emulator
    from devstack.resources import create_all
    from devstack.seed import check_demo_integration, seed, seed_integrations

    use_sandbox = sandbox.enabled()
    if use_sandbox:
        sandbox.configure_environment(host, port)  # before anything reads the settings
    start_emulator()
    create_all()
    tenant_id = seed(with_clients=True)["tenant_id"]
    box = None
    if use_sandbox:
        box = sandbox.start(port)
        seed_integrations(tenant_id, box.smtp_port)
        for kind, label in (("whatsapp", "WhatsApp"), ("cora", "Cora")):
            box.after_ready.append(lambda kind=kind, label=label: box.note(
                f"Testar {label} da Impacte Demo: " + check_demo_integration(tenant_id, kind)))
        box.when_ready()
    return build_local_app(box), box


def banner(host: str, port: int, box=None) -> str:
    from devstack.seed import demo_logins

    lines = ["", "=" * 72, f"  Impacte+ Marketing rodando em  http://{host}:{port}", "",
             "  Acessos de demonstração (senha igual para todos):"]
    lines += [f"    {label:<26} {email:<24} {password}" for label, email, password in demo_logins()]
    if box is not None:
        lines += ["", *box.banner_lines()]
    lines += ["", "  Agendamentos: o disparador roda a cada 15 s (no AWS, a cada minuto).",
              "  Dados em memória: recriados a cada início. Ctrl+C para parar.", "=" * 72, ""]
    return "\n".join(lines)


def main() -> None:
    import uvicorn

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8000"))
    app, box = boot(host, port)
    from devstack import timer

    timer.start()  # the EventBridge rule of the dispatcher, every 15 s
    print(banner(host, port, box), flush=True)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("LOG_LEVEL", "warning").lower())


if __name__ == "__main__":
    main()
