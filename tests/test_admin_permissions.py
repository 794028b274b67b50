"""Who may do what in the admin, for every model, through the admin's own URLs.

One matrix: role × model × action (view, add, change, delete) × whose object it
is and whether readers can see it. The rule it checks (``articles/permissions.py``):
editors change everything in articles, a writer only what belongs to their own
drafts, sales only ads. A refused request is a 403 or a 404 and changes nothing.

A model registered in the admin later fails ``test_every_admin_model_is_in_the_
matrix`` until its row here says who may do what with it.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from ads.models import ReportLink
from articles.models import (
    Article,
    ArticleDailyView,
    ArticleNote,
    Author,
    Category,
    Figure,
    Page,
    PreviewLink,
    Redirect,
    SocialLink,
)
from articles.roles import EDITOR, SALES, WRITER
from tests.admin_pages import form_data
from tests.ads.factories import (
    AdvertiserFactory,
    EnquiryFactory,
    ServiceListingFactory,
    SlotFactory,
    SponsoredBlockFactory,
)
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
    UserFactory,
)
from tests.images import image_bytes, upload

pytestmark = pytest.mark.django_db

ROLES = [WRITER, EDITOR, SALES]
# Whose object, and can readers see it: the writer under test is "own".
STATES = ["own_draft", "own_review", "own_published", "other_draft", "other_published"]
ACTIONS = ["view", "add", "change", "delete"]
WRITER_STATES = {"own_draft"}  # what a writer may change: their own drafts


# --- The rule, as a table -------------------------------------------------------


def writer_may(model: str, action: str, state: str) -> bool:
    own = state.startswith("own")
    if model == "article":
        return {
            "view": own,
            "add": True,
            "change": state in WRITER_STATES,
            "delete": False,
        }[action]
    if model == "figure":
        mine = own or state == "own_upload"
        writable = state in WRITER_STATES or state == "own_upload"
        # The media library shows writers, to reuse, what readers already see.
        public = state in ("own_published", "other_published")
        return {
            "view": mine or public,
            "add": True,
            "change": writable,
            # Their own upload that no colleague's article uses, and only that.
            "delete": state == "own_upload",
        }[action]
    if model == "previewlink":
        return {
            "view": own,
            "add": state in WRITER_STATES,
            "change": state in WRITER_STATES,
            "delete": False,
        }[action]
    if model in ("author", "category"):
        return action == "view"
    if model == "tag":
        return action in ("view", "add")
    return False


def allowed(role: str, model: str, action: str, state: str) -> bool:
    spec = MODELS[model]
    if action != "view" and spec.get("read_only"):
        return False
    if action == "add" and spec.get("no_add"):
        return False
    if action == "delete" and spec.get("no_delete"):
        return False
    if role == EDITOR:
        return spec["app"] in ("articles", "taggit")
    if role == SALES:
        return spec["app"] == "ads"
    return writer_may(model, action, state)


# --- The people and their objects -----------------------------------------------


def staff(role: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def people():
    writer = staff(WRITER, "penulis-matriks")
    AuthorFactory(name="Penulis Matriks", user=writer)
    colleague = staff(WRITER, "rekan-matriks")
    AuthorFactory(name="Rekan Matriks", user=colleague)
    return {
        WRITER: writer,
        "colleague": colleague,
        EDITOR: staff(EDITOR, "editor-matriks"),
        SALES: staff(SALES, "niaga-matriks"),
    }


def article_in(state: str, people) -> Article:
    owner = people[WRITER] if state.startswith("own") else people["colleague"]
    status = state.split("_")[1]
    status = {"review": Article.Status.REVIEW, "draft": Article.Status.DRAFT}.get(
        status, Article.Status.PUBLISHED
    )
    published = timezone.now() - timedelta(hours=1)
    article = ArticleFactory(
        title=f"Artikel {state}",
        author=owner.author,
        status=status,
        published_at=published if status == Article.Status.PUBLISHED else None,
    )
    SectionFactory(
        article=article,
        position=1,
        heading="Bagian pertama",
        figure=FigureFactory(caption=f"Gambar {state}"),
    )
    return article


def figure_in(state: str, people) -> Figure:
    if state in ("own_upload", "other_upload"):
        owner = people[WRITER] if state == "own_upload" else people["colleague"]
        return FigureFactory(caption=f"Unggahan {state}", created_by=owner)
    return article_in(state, people).sections.get().figure


def link_in(state: str, people) -> PreviewLink:
    return PreviewLink.objects.create(
        article=article_in(state, people), created_by=people[EDITOR]
    )


def author_in(state: str, people) -> Author:
    owner = people[WRITER] if state.startswith("own") else people["colleague"]
    return owner.author


# Each model: how to make one object in a state, and which text field a change
# edits. "states" lists the states that mean something for the model.
MODELS = {
    "article": {
        "app": "articles",
        "model": Article,
        "make": article_in,
        "field": "title",
    },
    "figure": {
        "app": "articles",
        "model": Figure,
        "make": figure_in,
        "field": "caption",
        "states": [*STATES, "own_upload", "other_upload"],
    },
    "previewlink": {
        "app": "articles",
        "model": PreviewLink,
        "make": link_in,
        "bulk_change": "revoke",
    },
    "author": {
        "app": "articles",
        "model": Author,
        "make": author_in,
        "field": "bio",
        "states": ["own_draft", "other_draft"],
    },
    "category": {
        "app": "articles",
        "model": Category,
        "make": lambda state, people: CategoryFactory(),
        "field": "description",
        "states": ["global"],
    },
    "redirect": {
        "app": "articles",
        "model": Redirect,
        "make": lambda state, people: Redirect.objects.create(
            old_path="/lama/", new_path="/baru/"
        ),
        "field": "new_path",
        "states": ["global"],
    },
    # Corrections, updates and rights of reply: on published articles, editors'.
    "articlenote": {
        "app": "articles",
        "model": ArticleNote,
        "make": lambda state, people: ArticleNote.objects.create(
            article=article_in(state, people),
            kind=ArticleNote.Kind.CORRECTION,
            text="<p>Ralat.</p>",
        ),
        "field": "text",
        "states": ["own_published", "other_published"],
    },
    # The newsroom's pages and social links in the footer: editors'.
    "page": {
        "app": "articles",
        "model": Page,
        "make": lambda state, people: Page.objects.create(
            title="Redaksi", body="<p>Susunan redaksi.</p>"
        ),
        "field": "title",
        "states": ["global"],
    },
    "sociallink": {
        "app": "articles",
        "model": SocialLink,
        "make": lambda state, people: SocialLink.objects.create(
            name="Instagram", url="https://www.instagram.com/contoh/"
        ),
        "field": "name",
        "states": ["global"],
    },
    "articledailyview": {
        "app": "articles",
        "model": ArticleDailyView,
        "make": lambda state, people: ArticleDailyView.objects.create(
            article=ArticleFactory(), date=timezone.localdate(), views=3
        ),
        "states": ["global"],
        "read_only": True,
    },
    "tag": {
        "app": "taggit",
        "model": Tag,
        "make": lambda state, people: Tag.objects.create(
            name="Sarapan", slug="sarapan"
        ),
        "field": "name",
        "states": ["global"],
    },
}
# Sales' models: no owner and no publication state.
for _name, _factory in {
    "advertiser": AdvertiserFactory,
    "servicelisting": ServiceListingFactory,
    "slot": SlotFactory,
    "sponsoredblock": SponsoredBlockFactory,
    "enquiry": EnquiryFactory,
}.items():
    MODELS[_name] = {
        "app": "ads",
        "make": lambda state, people, factory=_factory: factory(),
        "states": ["global"],
    }
# Readers send enquiries; sales read them and set their status.
MODELS["enquiry"]["no_add"] = True
# Sales share a client's report and revoke the link; it stays listed.
MODELS["reportlink"] = {
    "app": "ads",
    "make": lambda state, people: ReportLink.objects.create(
        advertiser=AdvertiserFactory(),
        expires_at=timezone.now() + timedelta(days=7),
    ),
    "states": ["global"],
    "bulk_change": "revoke",
    "no_delete": True,
}


def cases() -> list:
    return list(_cases())


def _cases():
    for model, spec in MODELS.items():
        for state in spec.get("states", STATES):
            for role in ROLES:
                for action in ACTIONS:
                    yield pytest.param(
                        role,
                        model,
                        action,
                        state,
                        id=f"{role}-{model}-{action}-{state}",
                    )


def form_errors(response) -> str:
    """What the admin said was wrong, for an assertion's message."""
    context = response.context or {}
    errors = [str(context["adminform"].form.errors)] if "adminform" in context else []
    errors += [
        str(inline.formset.errors) + str(inline.formset.non_form_errors())
        for inline in context.get("inline_admin_formsets", [])
    ]
    return " ".join(errors) or str(response.status_code)


def admin_url(obj, view: str, app: str) -> str:
    name = type(obj)._meta.model_name
    if view in ("add", "changelist"):
        return reverse(f"admin:{app}_{name}_{view}")
    return reverse(f"admin:{app}_{name}_{view}", args=[obj.pk])


def page_form(client, superuser, url: str, model_name: str) -> dict:
    """What the change or add form posts back when left as it is."""
    client.force_login(superuser)
    html = client.get(url).content.decode()
    return form_data(html, f"{model_name}_form")


def add_data(model: str, state: str, people) -> tuple[dict, dict]:
    """POST data creating a new object of ``model`` (and its files)."""
    if model == "article":
        category = CategoryFactory()
        return {
            "title": "Artikel baru dari matriks",
            "dateline": "Wayah Sinau",
            "intro": "<p>Pembuka.</p>",
            "category": str(category.pk),
            "author": str(people[WRITER].author.pk),
            "tags": "uji",
            "status": Article.Status.DRAFT,
            "sections-TOTAL_FORMS": "0",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
        }, {}
    if model == "figure":
        return {
            "alt_text": "Gambar baru",
            "caption": "Keterangan baru",
            "source": "redaksi",
        }, {"image": upload(image_bytes("PNG"), "baru.png", "image/png")}
    if model == "previewlink":
        return {"article": str(article_in(state, people).pk), "duration": "24"}, {}
    if model == "tag":
        return {"name": "Tag Baru", "slug": "tag-baru"}, {}
    if model == "author":
        return {"name": "Penulis Baru", "slug": "penulis-baru"}, {}
    if model == "category":
        return {"name": "Kategori Baru", "slug": "kategori-baru", "position": "0"}, {}
    if model == "redirect":
        return {"old_path": "/x-lama/", "new_path": "/x-baru/"}, {}
    if model == "articlenote":
        article = article_in(state, people)
        return {
            "article": str(article.pk),
            "kind": "update",
            "text": "<p>Kabar.</p>",
        }, {}
    if model == "page":
        return {
            "title": "Halaman Baru",
            "slug": "halaman-baru",
            "body": "<p>Isi halaman.</p>",
            "position": "0",
            "is_published": "on",
        }, {}
    if model == "sociallink":
        return {
            "name": "YouTube",
            "url": "https://www.youtube.com/@contoh",
            "position": "0",
        }, {}
    return {}, {}


@pytest.mark.parametrize(("role", "model", "action", "state"), cases())
def test_admin_permission_matrix(client, people, role, model, action, state):
    spec = MODELS[model]
    superuser = UserFactory(username="akar", is_staff=True, is_superuser=True)
    obj = spec["make"](state, people)
    model_class = type(obj)
    app = spec["app"]
    name = model_class._meta.model_name
    user = people[role]
    may = allowed(role, model, action, state)

    if action == "view":
        client.force_login(user)
        response = client.get(admin_url(obj, "change", app))
        if may:
            assert response.status_code == 200
        else:
            assert response.status_code in (403, 404)
        listing = client.get(admin_url(obj, "changelist", app))
        shows = listing.status_code == 200 and (
            admin_url(obj, "change", app) in listing.content.decode()
        )
        assert shows == may
        return

    if action == "delete":
        client.force_login(user)
        response = client.post(admin_url(obj, "delete", app), {"post": "yes"})
        exists = model_class._default_manager.filter(pk=obj.pk).exists()
        if may:
            assert response.status_code == 302 and not exists
        else:
            assert response.status_code in (403, 404) and exists
        return

    if action == "add":
        if app == "ads":
            client.force_login(user)
            response = client.get(admin_url(obj, "add", app))
            assert response.status_code == (200 if may else 403)
            return
        url = admin_url(obj, "add", app)
        data, files = add_data(model, state, people)
        data = {**page_form(client, superuser, url, name), **data, **files}
        before = model_class._default_manager.count()
        client.force_login(user)
        response = client.post(url, data)
        created = model_class._default_manager.count() - before
        if may:
            assert response.status_code == 302, form_errors(response)
            assert created == 1
        else:
            # Refused outright, or (a preview link for someone else's article) a
            # form error naming the article.
            assert response.status_code in (200, 403, 404) and created == 0
            if response.status_code == 200:
                assert response.context["adminform"].form.errors
        return

    # change
    if spec.get("bulk_change"):
        client.force_login(user)
        response = client.post(
            admin_url(obj, "changelist", app),
            {"action": spec["bulk_change"], "_selected_action": [obj.pk]},
        )
        obj.refresh_from_db()
        if may:
            assert response.status_code == 302 and obj.revoked_at is not None
        else:
            assert response.status_code in (302, 403, 404)
            assert obj.revoked_at is None
        return
    if app == "ads" or spec.get("read_only"):
        client.force_login(user)
        response = client.post(admin_url(obj, "change", app), {})
        if may:
            assert response.status_code == 200  # the form, with its errors
        else:
            assert response.status_code in (403, 404)
        return
    url = admin_url(obj, "change", app)
    data = page_form(client, superuser, url, name)
    field = spec["field"]
    before = getattr(obj, field)
    data[field] = "/diubah-matriks/" if model == "redirect" else "Diubah matriks"
    client.force_login(user)
    response = client.post(url, data)
    obj.refresh_from_db()
    if may:
        assert response.status_code == 302, form_errors(response)
        assert getattr(obj, field) == data[field]
    else:
        assert response.status_code in (403, 404)
        assert getattr(obj, field) == before


def test_every_admin_model_is_in_the_matrix():
    """A new admin model must state who may do what before it ships."""
    covered = set(MODELS) | {
        # Editors only: a queue of what needs a decision, read-only.
        "articleinreview",
        # Only superusers manage accounts and groups.
        "user",
        "group",
        # Sales' own: what sells and what is listed in ads.txt.
        "advertorial",
        "adstxtentry",
        # Superusers only: login lockouts and two-factor devices.
        "accessattempt",
        "accesslog",
        "accessfailurelog",
        "totpdevice",
        "staticdevice",
    }
    registered = {
        model._meta.model_name
        for model in apps.get_models()
        if admin.site.is_registered(model)
    }
    assert registered - covered == set()
