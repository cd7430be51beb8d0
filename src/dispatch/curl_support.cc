#include "dispatch/curl_support.h"

#include <mutex>

#include "core/assert.h"

namespace inkasso::curl {

CURL* new_curl_handle() {
  static std::once_flag once;
  // Never cleaned up: the process keeps libcurl until it exits.
  std::call_once(once, [] { INKASSO_ASSERT(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK); });
  CURL* handle = curl_easy_init();
  INKASSO_ASSERT(handle != nullptr);
  return handle;
}

void free_curl_handle(CURL* handle) {
  if (handle) curl_easy_cleanup(handle);
}

void Slist::add(const std::string& line) {
  curl_slist* next = curl_slist_append(list_.get(), line.c_str());
  INKASSO_ASSERT(next != nullptr);  // out of memory
  // curl_slist_append returns the same head for a non-empty list, a new one for an empty list.
  (void)list_.release();
  list_.reset(next);
}

void begin_transfer(CURL* handle, const std::string& url, char* error, long connect_timeout,
                    long timeout) {
  curl_easy_reset(handle);
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, connect_timeout);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, timeout);
}

TransferOutcome perform_transfer(CURL* handle) {
  TransferOutcome out;
  out.code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &out.response_code);
  curl_easy_getinfo(handle, CURLINFO_SIZE_UPLOAD_T, &out.uploaded);
  curl_easy_reset(handle);
  return out;
}

}  // namespace inkasso::curl
