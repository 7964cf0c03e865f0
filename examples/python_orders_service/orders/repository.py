"""Order persistence in DynamoDB."""
from orders.aws import ORDERS_TABLE, dynamodb


def load_order(order_id: str) -> dict:
    response = dynamodb.get_item(TableName=ORDERS_TABLE, Key={"id": {"S": order_id}})
    return response.get("Item", {})


def save_order(order: dict) -> None:
    dynamodb.put_item(TableName=ORDERS_TABLE, Item=order)


def orders_for_customer(customer_id: str):
    paginator = dynamodb.get_paginator("query")
    for page in paginator.paginate(
        TableName=ORDERS_TABLE,
        IndexName="by-customer",
        KeyConditionExpression="customer_id = :c",
        ExpressionAttributeValues={":c": {"S": customer_id}},
    ):
        yield from page["Items"]
