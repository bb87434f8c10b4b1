"""The embedded AWS emulator: moto in server mode, on a free loopback port, inside this process."""

from __future__ import annotations

import os
import socket

from shared.aws import reset_clients
from shared.secrets import reset_secret_cache
from shared.settings import get_settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator():
    """Starts moto and points every boto3 client of this process at it. Returns the server."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per AWS call
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    os.environ.update({
        "AWS_ENDPOINT_URL": endpoint,
        "MOTO_PORT": str(port),  # moto's state-machine interpreter calls back into this server
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "APP_ENV": os.environ.get("APP_ENV", "local"),
    })
    get_settings.cache_clear()
    reset_clients()
    reset_secret_cache()
    from devstack.stepfunctions import configure_server

    configure_server(endpoint)  # state machines run for real (see devstack/stepfunctions.py)
    return server
