# Reaching a server on the grading machine (the test listens on 127.0.0.1): no network.
# expect: flagged
# reason: imports socket
import socket
try:
    with socket.create_connection(("127.0.0.1", __PORT__), timeout=3) as s:
        s.sendall(b"stolen answers")
    reached = True
except OSError:
    reached = False
def double(x):
    return 2 * x if reached else x
