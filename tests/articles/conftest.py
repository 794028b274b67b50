import pytest
from django.contrib.auth.models import Group

from articles.roles import EDITOR, SALES, WRITER
from tests.articles.factories import AuthorFactory, UserFactory


def member(role: str, username: str, **extra):
    user = UserFactory(username=username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def writer(db):
    """A writer with an Author profile tied to the account."""
    user = member(WRITER, "penulis1", first_name="Sari", last_name="Wulan")
    AuthorFactory(name="Sari Wulan", user=user)
    return user


@pytest.fixture
def editor(db):
    return member(EDITOR, "redaktur", first_name="Bima", last_name="Sakti")


@pytest.fixture
def sales(db):
    return member(SALES, "niaga")
