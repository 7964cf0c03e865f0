"""Receipts stored as PDF objects in S3."""
from orders import aws


def store_receipt(order_id: str, pdf: bytes) -> str:
    key = f"receipts/{order_id}.pdf"
    aws.s3.put_object(Bucket=aws.RECEIPTS_BUCKET, Key=key, Body=pdf, ContentType="application/pdf")
    return key


def fetch_receipt(key: str) -> bytes:
    return aws.s3.get_object(Bucket=aws.RECEIPTS_BUCKET, Key=key)["Body"].read()
