"""What the API accepts and returns, one module per resource."""
