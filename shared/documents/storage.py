"""Documents' files in the private documents bucket, under the company's prefix, and short-lived
download links (the bucket is never public)."""

from __future__ import annotations

from shared.aws import client
from shared.documents.models import DownloadLink
from shared.settings import get_settings

LINK_SECONDS = 300  # a download link works for 5 minutes
WHATSAPP_LINK_SECONDS = 3600  # Meta fetches a document message's file shortly after the send


def object_key(tenant_id: str, document_id: str, extension: str) -> str:
    return f"tenants/{tenant_id}/documents/{document_id}.{extension}"


def put(key: str, body: bytes, content_type: str) -> None:
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=key, Body=body, ContentType=content_type,
                            ServerSideEncryption="AES256")


def read(key: str) -> bytes:
    return client("s3").get_object(Bucket=get_settings().documents_bucket, Key=key)["Body"].read()


def presigned(key: str, filename: str, seconds: int) -> str:
    return client("s3").generate_presigned_url("get_object", ExpiresIn=seconds, Params={
        "Bucket": get_settings().documents_bucket, "Key": key,
        "ResponseContentDisposition": f'inline; filename="{filename}"', "ResponseContentType": "application/pdf"})


def download_link(key: str, filename: str) -> DownloadLink:
    return DownloadLink(url=presigned(key, filename, LINK_SECONDS), expires_in=LINK_SECONDS, filename=filename)
