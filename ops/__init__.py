"""Operator tools for an AWS deploy (run with AWS credentials; never part of a Lambda)."""
