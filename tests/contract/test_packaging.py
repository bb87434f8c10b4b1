"""The function packages in template.yaml are the ones the project installs side by side."""

from __future__ import annotations

import tomllib

from devstack.template import ROOT, functions


def test_every_function_folder_is_an_importable_package_root():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    find = config["tool"]["setuptools"]["packages"]["find"]
    for name, fn in functions().items():
        code_uri = fn["code_uri"].rstrip("/")
        package = fn["module"].split(".")[0]
        assert code_uri in find["where"], f"{name}: add {code_uri} to [tool.setuptools.packages.find].where"
        assert f"{package}*" in find["include"], f"{name}: add {package}* to the include list"


def test_function_package_names_are_unique():
    packages = [fn["module"].split(".")[0] for fn in functions().values()]
    assert len(packages) == len(set(packages))
