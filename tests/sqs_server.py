"""A real SQS-compatible server on 127.0.0.1 (moto's, in server mode) that a test can stop and
start again on the same port. Its queues live on in this process across a restart, as a real
queue's messages outlive any one connection to it."""

import json
import socket
import threading
from typing import Any

import boto3
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

REGION = "us-east-1"


class _OneRequestPerConnection(MotoRequestHandler):
    # HTTP/1.0: no kept-alive connection goes on answering once the server is stopped.
    protocol_version = "HTTP/1.0"


class SqsServer:
    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._app = DomainDispatcherApplication(create_backend_app)
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._server = make_server(
            "127.0.0.1", self.port, self._app, threaded=True, request_handler=_OneRequestPerConnection
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Refuse connections from now on; a request already being answered finishes."""
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = None

    def client(self) -> Any:
        """The test's own client, to make queues and send messages, as the seller's AWS would."""
        return boto3.client("sqs", region_name=REGION, endpoint_url=self.url)

    def queue(
        self, name: str, visibility_seconds: int = 2, max_receives: int | None = None
    ) -> tuple[str, str | None]:
        """A queue, with a dead-letter queue after `max_receives` when given: (url, dlq url)."""
        sqs = self.client()
        attributes = {"VisibilityTimeout": str(visibility_seconds)}
        dead = None
        if max_receives is not None:
            dead = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
            arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"][
                "QueueArn"
            ]
            attributes["RedrivePolicy"] = json.dumps(
                {"deadLetterTargetArn": arn, "maxReceiveCount": max_receives}
            )
        return sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"], dead

    def depth(self, url: str) -> tuple[int, int]:
        """(visible, in flight) messages of a queue."""
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        found = self.client().get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
        return int(found[names[0]]), int(found[names[1]])
