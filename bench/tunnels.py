#!/usr/bin/env python3
"""The traffic of bench/tunnels.sh: a counting/echo sink and the clients that time transfers through a tunnel.

  tunnels.py sink PORT                      serve on 127.0.0.1:PORT until killed (a thread per connection):
                                            'C' + 8-byte big-endian N: read N bytes, answer b'OK' + N (8 bytes);
                                            'E': answer b'E', then echo whatever comes until EOF
  tunnels.py send HOST PORT BYTES [--socks DHOST:DPORT]
                                            one connection moves BYTES to the sink; prints the seconds from connect to
                                            the sink's answer that it had them all
  tunnels.py parallel HOST PORT CONNS BYTES [--socks DHOST:DPORT]
                                            CONNS connections at once, BYTES each; prints the seconds until the last
  tunnels.py stdio BYTES CMD...             moves BYTES to the sink through CMD's stdin and stdout (`ssh -W`); prints the
                                            seconds from starting CMD to the sink's answer
  tunnels.py latency HOST PORT ROUNDS [--socks DHOST:DPORT]
                                            ROUNDS times: connect, (SOCKS5 handshake), 'E', the echoed byte; prints the
                                            milliseconds of each, a line each

With --socks, HOST:PORT is a SOCKS5 proxy (no auth) and DHOST:DPORT the sink behind it. A length prefix, not a
half-close, ends a transfer, so a forwarder that closes the whole channel on EOF still gets a clean figure.
"""
import socket
import struct
import subprocess
import sys
import threading
import time

CHUNK = 1 << 20


def recv_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            raise EOFError(f"connection closed after {len(data)} of {n} bytes")
        data += part
    return bytes(data)


def serve(conn):
    try:
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            mode = conn.recv(1)
            if not mode:
                return  # a probe whether something listens (bench/tunnels.sh waits for the tunnel so)
            if mode == b"C":
                (n,) = struct.unpack(">Q", recv_exact(conn, 8))
                buf = memoryview(bytearray(CHUNK))
                left = n
                while left:
                    got = conn.recv_into(buf, min(left, CHUNK))
                    if not got:
                        raise EOFError(f"closed with {left} of {n} bytes to go")
                    left -= got
                conn.sendall(b"OK" + struct.pack(">Q", n))
            elif mode == b"E":
                conn.sendall(b"E")
                while True:
                    data = conn.recv(65536)
                    if not data:
                        break
                    conn.sendall(data)
    except (OSError, EOFError) as e:
        print(f"sink: {e}", file=sys.stderr, flush=True)


def sink(port):
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(512)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def connect(host, port, socks):
    sock = socket.create_connection((host, port), timeout=120)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if socks:
        dhost, dport = socks
        sock.sendall(b"\x05\x01\x00")
        if recv_exact(sock, 2) != b"\x05\x00":
            raise OSError("SOCKS5 proxy refused no-auth")
        sock.sendall(b"\x05\x01\x00\x01" + socket.inet_aton(dhost) + struct.pack(">H", dport))
        reply = recv_exact(sock, 10)
        if reply[1] != 0:
            raise OSError(f"SOCKS5 connect failed, reply {reply[1]}")
    return sock


def send(host, port, n, socks):
    buf = memoryview(bytes(CHUNK))
    with connect(host, port, socks) as sock:
        sock.sendall(b"C" + struct.pack(">Q", n))
        left = n
        while left:
            step = min(left, CHUNK)
            sock.sendall(buf[:step])
            left -= step
        answer = recv_exact(sock, 10)
        if answer != b"OK" + struct.pack(">Q", n):
            raise OSError(f"the sink answered {answer!r}")


def timed_send(host, port, n, socks):
    start = time.perf_counter()
    send(host, port, n, socks)
    print(f"{time.perf_counter() - start:.6f}")


def stdio(n, cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    buf = memoryview(bytes(CHUNK))
    proc.stdin.write(b"C" + struct.pack(">Q", n))
    left = n
    while left:
        step = min(left, CHUNK)
        proc.stdin.write(buf[:step])
        left -= step
    answer = b""
    while len(answer) < 10:
        part = proc.stdout.read(10 - len(answer))
        if not part:
            break
        answer += part
    elapsed = time.perf_counter() - start
    proc.stdin.close()
    proc.wait(timeout=30)
    if answer != b"OK" + struct.pack(">Q", n):
        raise OSError(f"the sink answered {answer!r}")
    print(f"{elapsed:.6f}")


def parallel(host, port, conns, n, socks):
    errors = []
    barrier = threading.Barrier(conns + 1)

    def one():
        barrier.wait()
        try:
            send(host, port, n, socks)
        except (OSError, EOFError) as e:
            errors.append(e)

    threads = [threading.Thread(target=one) for _ in range(conns)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{len(errors)} of {conns} connections failed, e.g. {errors[0]}")
    print(f"{elapsed:.6f}")


def latency(host, port, rounds, socks):
    for _ in range(rounds):
        start = time.perf_counter()
        with connect(host, port, socks) as sock:
            sock.sendall(b"E")
            if recv_exact(sock, 1) != b"E":
                raise OSError("the echo sink answered something else")
            print(f"{(time.perf_counter() - start) * 1000:.3f}", flush=True)


def probe(host, port):
    """Exits 0 when a byte comes back through host:port within a second, 1 otherwise."""
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"E")
            ok = recv_exact(sock, 1) == b"E"
    except (OSError, EOFError):
        ok = False
    sys.exit(0 if ok else 1)


def main(argv):
    socks = None
    if "--socks" in argv:
        i = argv.index("--socks")
        dhost, dport = argv[i + 1].rsplit(":", 1)
        socks = (dhost, int(dport))
        argv = argv[:i] + argv[i + 2:]
    cmd = argv[0]
    if cmd == "sink":
        sink(int(argv[1]))
    elif cmd == "send":
        timed_send(argv[1], int(argv[2]), int(argv[3]), socks)
    elif cmd == "parallel":
        parallel(argv[1], int(argv[2]), int(argv[3]), int(argv[4]), socks)
    elif cmd == "stdio":
        stdio(int(argv[1]), argv[2:])
    elif cmd == "latency":
        latency(argv[1], int(argv[2]), int(argv[3]), socks)
    elif cmd == "probe":
        probe(argv[1], int(argv[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
