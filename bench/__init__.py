"""`make bench`: what requests cost (DynamoDB calls and items) and how fast functions start."""
