from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.static import serve

from articles.caching import public_page

from . import views
from .sitemaps import SITEMAPS

admin.site.site_header = "Wayah Sinau CMS"
admin.site.site_title = "Wayah Sinau CMS"
admin.site.index_title = "Redaksi"

urlpatterns = [
    path("", public_page(views.home), name="home"),
    path("admin/", admin.site.urls),
    path("cari/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", public_page(views.sitemap_index), name="sitemap"),
    path("sitemap-news.xml", public_page(views.news_sitemap), name="sitemap-news"),
    path(
        "sitemap-<slug:section>.xml",
        public_page(sitemap_views.sitemap, page_parameter="p"),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("", include("articles.urls")),
    path("", include("ads.urls")),
]

handler404 = "wayahsinau.views.page_not_found"

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Local development and tests serve uploads themselves; production uses the
    # web server or object storage (see README).
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
