"""Lambda entry point: accepts an order, stores it and its receipt, and queues it for fulfilment."""
import json
import os

from orders.aws import sqs
from orders.receipts import store_receipt
from orders.repository import load_order, save_order

QUEUE_URL = os.environ["FULFILMENT_QUEUE_URL"]


def handler(event, context):
    order = json.loads(event["body"])
    if load_order(order["id"]):
        return {"statusCode": 409}
    save_order({"id": {"S": order["id"]}, "customer_id": {"S": order["customer"]}})
    store_receipt(order["id"], b"%PDF-1.7 ...")
    sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=json.dumps({"order": order["id"]}))
    return {"statusCode": 201}
