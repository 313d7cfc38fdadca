"""domain.yml read once per process, with libyaml: the same data as PyYAML's own."""

import pytest
import yaml

from bot import domain_file, form_slots
from bot.review.topics import known_topics


def test_the_c_loader_reads_the_domain_as_pyyaml_does():
    assert domain_file._LOADER is yaml.CSafeLoader, "PyYAML's wheel bundles libyaml"
    assert domain_file.read() == yaml.safe_load(
        domain_file.DOMAIN_FILE.read_text(encoding="utf-8"))


def test_the_domain_is_read_once(tmp_path):
    path = tmp_path / "domain.yml"
    path.write_text("forms:\n  a_form:\n    required_slots: [first, second]\n")
    assert form_slots.required_slots("a_form", domain_file=path) == ("first", "second")
    path.write_text("forms: {}\n")  # a running server keeps what it read at first
    assert form_slots.required_slots("a_form", domain_file=path) == ("first", "second")
    assert domain_file.read(path) is domain_file.read(path)


def test_a_domain_that_is_not_yaml_is_not_remembered(tmp_path):
    path = tmp_path / "domain.yml"
    path.write_text("responses: [unclosed\n")
    with pytest.raises(yaml.YAMLError):
        domain_file.read(path)
    assert known_topics(domain_file=path) == [], "the review app shows no topics"
    path.write_text("responses:\n  utter_faq/cost: []\n")
    assert domain_file.read(path) == {"responses": {"utter_faq/cost": []}}
