"""libsystemd's own view of the sockets it was passed, for catflap's --systemd tests. Run it with
Debian's /usr/bin/python3, for which the python3-systemd package installs systemd.daemon (a
binding of sd_listen_fds_with_names and sd_is_socket_*). Prints JSON:

  {"fds": [3, 4, ...], "names": [...], "kinds": ["inet-stream-listening", "inet-dgram", "unix-stream-listening", ...]}
"""
import json
import socket

from systemd import daemon


def kind(fd):
    if daemon.is_socket_unix(fd, socket.SOCK_STREAM, 1):
        return "unix-stream-listening"
    if daemon.is_socket_inet(fd, 0, socket.SOCK_STREAM, 1):
        return "inet-stream-listening"
    if daemon.is_socket_inet(fd, 0, socket.SOCK_DGRAM):
        return "inet-dgram"
    return "other"


if __name__ == "__main__":
    named = daemon.listen_fds_with_names(unset_environment=False)
    fds = daemon.listen_fds(unset_environment=False)
    print(json.dumps({
        "fds": fds,
        "names": [named[fd] for fd in sorted(named)],
        "kinds": [kind(fd) for fd in fds],
    }))
