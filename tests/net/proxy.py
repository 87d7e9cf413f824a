"""A recording HTTP proxy on 127.0.0.1 for the network tests, run in threads of the test itself.

Records every request's line and headers. CONNECT to this machine is tunnelled, byte for byte, so
an HTTPS request made through it succeeds; any other request (a plain http:// request handed to
the proxy) is recorded and answered 502. Every socket has a timeout, so no thread outlives a test
by more than that; stop() closes the listener.
"""
import socket
import threading

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
HEAD_LIMIT = 64 * 1024


class RecordingProxy:
    def __init__(self, timeout=10.0):
        self.timeout = timeout
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.lock = threading.Lock()
        self.seen = []  # (request line, [(name, value), ...]) in arrival order
        self.running = True
        self.thread = threading.Thread(target=self.accept_loop, daemon=True)
        self.thread.start()

    def request_lines(self):
        with self.lock:
            return [line for line, _ in self.seen]

    def header_names(self):
        with self.lock:
            return [name.lower() for _, headers in self.seen for name, _ in headers]

    def stop(self):
        self.running = False
        self.thread.join(timeout=2)
        self.listener.close()

    def accept_loop(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    def read_head(self, client):
        data = b""
        while b"\r\n\r\n" not in data and len(data) < HEAD_LIMIT:
            chunk = client.recv(4096)
            if not chunk:
                return None, b""
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        return head.decode("latin-1"), rest

    def serve(self, client):
        client.settimeout(self.timeout)
        try:
            head, rest = self.read_head(client)
            if head is None:
                return
            line, *header_lines = head.split("\r\n")
            headers = [tuple(part.strip() for part in h.split(":", 1)) for h in header_lines if ":" in h]
            with self.lock:
                self.seen.append((line, headers))
            method, target = (line.split(" ") + ["", ""])[:2]
            host, _, port = target.rpartition(":")
            if method != "CONNECT" or host not in LOOPBACK or not port.isdigit():
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=self.timeout)
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            if rest:
                upstream.sendall(rest)
            self.relay(client, upstream)
        except OSError:
            pass
        finally:
            client.close()

    def relay(self, client, upstream):
        def pump(source, sink):
            try:
                while chunk := source.recv(65536):
                    sink.sendall(chunk)
            except OSError:
                pass
            finally:
                for sock in (source, sink):
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
        other = threading.Thread(target=pump, args=(upstream, client), daemon=True)
        other.start()
        pump(client, upstream)
        other.join(timeout=self.timeout)
        upstream.close()
