#!/usr/bin/python3
"""A real SMTP server on loopback for the dispatch tests (aiosmtpd).

Each accepted message is written to DIR as NNNNNN.eml (the message as received) with its envelope
recipients in NNNNNN.rcpt, one per line; both appear atomically (written, then renamed). The
port it listens on is written to PORT_FILE once it accepts connections.

Options:
  --delay-ms N        wait N ms before answering each message (a slow server)
  --temp-fail ADDR:N  answer the first N RCPT TO:<ADDR> with 451 (a temporary failure)
  --perm-fail ADDR    answer every RCPT TO:<ADDR> with 550 (no such mailbox)
  --user U --password P  require AUTH LOGIN/PLAIN with these credentials (over plain TCP)
"""
import argparse
import asyncio
import itertools
import logging
import os
import signal
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, args):
        self.dir = args.dir
        self.delay = args.delay_ms / 1000.0
        self.temp = {}
        for spec in args.temp_fail:
            addr, _, n = spec.rpartition(":")
            self.temp[addr.lower()] = int(n)
        self.perm = {a.lower() for a in args.perm_fail}
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.perm:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if self.temp.get(key, 0) > 0:
            self.temp[key] -= 1
            return "451 4.3.0 <%s>: Mailbox temporarily unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        n = next(self.counter)
        base = os.path.join(self.dir, "%06d" % n)
        for suffix, data in ((".rcpt", "\n".join(envelope.rcpt_tos).encode()),
                             (".eml", envelope.original_content)):
            tmp = base + suffix + ".tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.rename(tmp, base + suffix)
        return "250 2.0.0 Ok: queued as %d" % n


def main():
    # AUTH over plain TCP is what the tests want; aiosmtpd warns about it on every connection.
    warnings.filterwarnings("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    p = argparse.ArgumentParser()
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--delay-ms", type=int, default=0)
    p.add_argument("--temp-fail", action="append", default=[])
    p.add_argument("--perm-fail", action="append", default=[])
    p.add_argument("--user")
    p.add_argument("--password")
    args = p.parse_args()
    handler = Handler(args)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == args.user
              and auth_data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False)

    def factory():
        if args.user:
            return SMTP(handler, authenticator=authenticator, auth_required=True,
                        auth_require_tls=False, decode_data=False)
        return SMTP(handler, decode_data=False)

    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(factory, "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(port))
    os.rename(tmp, args.port_file)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.run_forever()


if __name__ == "__main__":
    main()
