"""One router per resource; `serviceloop.api.api` mounts them."""
