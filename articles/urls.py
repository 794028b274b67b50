from django.urls import path

from . import feeds, views
from .caching import public_page

app_name = "articles"

urlpatterns = [
    path(
        "artikel/<slug:slug>/",
        public_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path("pratinjau/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path(
        "kategori/<slug:slug>/",
        public_page(views.CategoryView.as_view(), page_parameter="page"),
        name="category",
    ),
    path(
        "tag/<str:slug>/",
        public_page(views.TagView.as_view(), page_parameter="page"),
        name="tag",
    ),
    path(
        "penulis/<slug:slug>/",
        public_page(views.AuthorView.as_view(), page_parameter="page"),
        name="author",
    ),
    path("halaman/<slug:slug>/", public_page(views.PageView.as_view()), name="page"),
    path("arsip/", views.archive_index, name="archive"),
    path("arsip/<int:year>/", views.YearArchive.as_view(), name="archive-year"),
    path(
        "arsip/<int:year>/<int:month>/",
        views.MonthArchive.as_view(),
        name="archive-month",
    ),
    path("feed/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path(
        "feed/atom/",
        public_page(feeds.LatestArticlesAtomFeed()),
        name="feed-atom",
    ),
    path(
        "kategori/<slug:slug>/feed/",
        public_page(feeds.CategoryFeed()),
        name="category-feed",
    ),
    path(
        "kategori/<slug:slug>/feed/atom/",
        public_page(feeds.CategoryAtomFeed()),
        name="category-feed-atom",
    ),
]
