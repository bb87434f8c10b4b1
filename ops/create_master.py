"""Creates a master (SaaS staff) user in a deployed stack; AWS deploys have no demo seed.

Usage: python -m ops.create_master <stack-name> <e-mail> "<name>"   (asks for the password)
"""

from __future__ import annotations

import getpass
import os
import sys

from ops.stack import outputs


def main(stack: str, email: str, name: str) -> None:
    os.environ["TABLE_NAME"] = outputs(stack)["DataTableName"]
    os.environ.setdefault("APP_ENV", "aws")

    from pydantic import TypeAdapter

    from shared.db.table import Table, TransactionFailed
    from shared.users import repository
    from shared.users.service import new_user_record
    from shared.validation import Email

    password = getpass.getpass("Senha do usuário master: ")
    user = new_user_record(None, name, TypeAdapter(Email).validate_python(email), "master", password)
    try:
        Table().transact(repository.insert_ops(user))
    except TransactionFailed:
        sys.exit("Este e-mail já está em uso.")
    print(f"Usuário master criado: {user.email}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
