"""The SaaS platform: companies (tenants), plans and modules. Only master code crosses tenants."""
