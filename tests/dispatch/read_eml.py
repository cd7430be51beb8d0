#!/usr/bin/python3
"""Prints what the dispatch tests check of an e-mail file, as JSON, read by Python's own e-mail
parser (independent of the sender's encoder): decoded headers, the text and HTML parts, and each
attachment's name, type and bytes (hex)."""
import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
out = {h: str(msg[h]) if msg[h] is not None else None
       for h in ("Subject", "From", "To", "Cc", "Reply-To", "Message-ID", "X-Inkasso-Dispatch",
                 "Date", "MIME-Version", "List-Unsubscribe", "List-Unsubscribe-Post")}
out["text"] = None
out["html"] = None
out["attachments"] = []
for part in msg.walk():
    if part.is_multipart():
        continue
    if part.get_filename():
        out["attachments"].append({"filename": part.get_filename(),
                                   "type": part.get_content_type(),
                                   "hex": part.get_payload(decode=True).hex()})
    elif part.get_content_type() == "text/plain":
        out["text"] = part.get_content()
    elif part.get_content_type() == "text/html":
        out["html"] = part.get_content()
print(json.dumps(out))
