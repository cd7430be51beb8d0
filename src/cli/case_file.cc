// placeholder, replaced by the case file reader
