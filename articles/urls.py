from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("artikel/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("pratinjau/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path("kategori/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("arsip/<int:year>/", views.YearArchive.as_view(), name="archive-year"),
    path(
        "arsip/<int:year>/<int:month>/",
        views.MonthArchive.as_view(),
        name="archive-month",
    ),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("kategori/<slug:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path(
        "kategori/<slug:slug>/feed/atom/",
        feeds.CategoryAtomFeed(),
        name="category-feed-atom",
    ),
]
