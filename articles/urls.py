from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("artikel/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("pratinjau/<str:token>/", views.PreviewLinkView.as_view(), name="preview"),
    path("kategori/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
]
