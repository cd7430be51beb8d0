// What the SMTP sender and the SMS gateway share about libcurl: a handle kept for a worker's
// lifetime (so its connection is reused between messages), header lists freed with their owner,
// and one transfer's common options and outcome.
//
// Internal to src/dispatch: it includes <curl/curl.h>, which the public headers keep out.
// Thread-safety: a handle belongs to one thread; new_curl_handle may be called from any thread.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace inkasso::curl {

// A new easy handle. libcurl's global set-up runs once per process first (it is not thread-safe
// itself, so it is guarded here). Out of memory is an assertion.
CURL* new_curl_handle();
// Frees a handle from new_curl_handle (nullptr is allowed).
void free_curl_handle(CURL* handle);

// A curl_slist (header lines, recipients) freed when it goes out of scope.
class Slist {
 public:
  // Appends one line (copied by libcurl). Out of memory is an assertion.
  void add(const std::string& line);
  curl_slist* get() const { return list_.get(); }

 private:
  struct Free {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  };
  std::unique_ptr<curl_slist, Free> list_;
};

// Prepares `handle` for one transfer: every option back to its default (the live connection is
// kept: the next message reuses it), then the URL, no signals (worker threads), `error` as the
// error buffer (CURL_ERROR_SIZE bytes, owned by the caller) and the two timeouts in seconds.
void begin_transfer(CURL* handle, const std::string& url, char* error, long connect_timeout,
                    long timeout);

struct TransferOutcome {
  CURLcode code = CURLE_OK;
  long response_code = 0;   // the server's last status (HTTP or SMTP); 0 when none came
  curl_off_t uploaded = 0;  // bytes that left: > 0 means the message may have arrived
};

// Runs the transfer set up on `handle`, reads its outcome, then resets the handle's options so
// that it no longer points at the caller's header lists, MIME tree, buffers or error buffer
// (freed when the caller returns). The connection stays open.
TransferOutcome perform_transfer(CURL* handle);

}  // namespace inkasso::curl
