// The outcome of handing one message to a server (SMTP or the SMS gateway).
#pragma once

#include <string>

namespace inkasso {

enum class SendOutcome {
  accepted,   // the server took it: it will not be sent again
  temporary,  // not taken, try again later (connection, SMTP 4xx, gateway 5xx/429)
  permanent,  // refused for good (SMTP 5xx, a bad address, gateway 4xx)
  uncertain,  // the connection broke after the message went out: it may have arrived, so it is
              // never sent again automatically
};

struct SendResult {
  SendOutcome outcome = SendOutcome::temporary;
  std::string provider_id;  // accepted: the Message-ID or the gateway's message id
  std::string reason;       // otherwise: Danish, for the creditor (never the message body)
  // The server could not be used at all (no connection, login refused): the other messages of
  // the batch on this channel would fail the same way, so they are left waiting untouched.
  bool channel_down = false;
};

}  // namespace inkasso
