#!/usr/bin/env python3
"""One FastCGI request to a php-fpm socket; prints the response body.

Used by tools/test-install.sh to ask a real php-fpm worker what it loaded
(no web server needed). Usage: fcgi-get.py SOCKET SCRIPT_FILENAME
"""
import socket
import struct
import sys


def record(rtype, content, req_id=1):
    return struct.pack("!BBHHBx", 1, rtype, req_id, len(content), 0) + content


def pair(name, value):
    def length(n):
        return struct.pack("!B", n) if n < 128 else struct.pack("!I", n | 0x80000000)
    return length(len(name)) + length(len(value)) + name + value


def main():
    sock_path, script = sys.argv[1], sys.argv[2]
    params = {
        "SCRIPT_FILENAME": script, "SCRIPT_NAME": "/" + script.rsplit("/", 1)[-1],
        "REQUEST_METHOD": "GET", "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1",
        "GATEWAY_INTERFACE": "CGI/1.1", "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "localhost",
    }
    body = b"".join(pair(k.encode(), v.encode()) for k, v in params.items())
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(10)
    s.connect(sock_path)
    s.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, body) + record(4, b"") + record(5, b""))
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    out, pos = b"", 0
    while pos + 8 <= len(data):
        _, rtype, _, clen, plen = struct.unpack("!BBHHB", data[pos:pos + 7])
        if rtype == 6:  # FCGI_STDOUT
            out += data[pos + 8:pos + 8 + clen]
        pos += 8 + clen + plen
    sys.stdout.write(out.split(b"\r\n\r\n", 1)[-1].decode("utf-8", "replace"))


main()
