"""Publishes web/dist to the stack's web bucket with a config.json naming its API, then
invalidates CloudFront.

Usage: python -m ops.deploy_web <stack-name>
"""

from __future__ import annotations

import json
import mimetypes
import sys
import time
from pathlib import Path

import boto3

from ops.stack import outputs

DIST = Path(__file__).resolve().parent.parent / "web" / "dist"
NO_CACHE = {"index.html", "config.json"}


def main(stack: str) -> None:
    out = outputs(stack)
    bucket, api_url = out["WebBucketName"], out["ApiUrl"].rstrip("/")
    s3 = boto3.client("s3")
    for path in sorted(p for p in DIST.rglob("*") if p.is_file()):
        key = path.relative_to(DIST).as_posix()
        cache = "no-cache" if key in NO_CACHE else "public, max-age=31536000, immutable"
        content_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
        s3.upload_file(str(path), bucket, key, ExtraArgs={"ContentType": content_type, "CacheControl": cache})
    s3.put_object(Bucket=bucket, Key="config.json", Body=json.dumps({"api_url": api_url}).encode(),
                  ContentType="application/json", CacheControl="no-cache")
    boto3.client("cloudfront").create_invalidation(
        DistributionId=out["DistributionId"],
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": str(time.time())},
    )
    print(f"Web app published: {out.get('WebUrl', bucket)} (API {api_url})")


if __name__ == "__main__":
    main(sys.argv[1])
