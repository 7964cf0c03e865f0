"""AWS clients shared by the handlers (created once per Lambda container)."""
import os

import boto3

session = boto3.Session()
dynamodb = session.client("dynamodb")
s3 = boto3.client("s3")
sqs = boto3.client("sqs", region_name=os.environ.get("AWS_REGION", "us-east-1"))

ORDERS_TABLE = os.environ["ORDERS_TABLE"]
RECEIPTS_BUCKET = "acme-order-receipts"
