"""The yardstick for cold imports: a bare FastAPI + Mangum + boto3 Lambda app."""

import boto3  # noqa: F401
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/")
def root() -> dict:
    return {"ok": True}


handler = Mangum(app)
