"""DynamoDB access: the single-table wrapper and the repository base."""
