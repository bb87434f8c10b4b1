"""The README's generated parts are the code's truth."""

from devstack.docs import permission_matrix
from devstack.template import ROOT


def test_readme_permission_matrix_matches_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- permission-matrix:start -->")[1].split("<!-- permission-matrix:end -->")[0]
    assert block.strip() == permission_matrix().strip(), "run `python -m devstack.docs` and update the README"


def test_readme_names_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make dev" in readme and "make test" in readme
