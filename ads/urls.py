from django.urls import path

from . import views

app_name = "ads"

urlpatterns = [
    path("layanan/", views.ListingListView.as_view(), name="listings"),
    path("layanan/<slug:slug>/", views.listing_detail, name="listing"),
    path("layanan/<slug:slug>/terima-kasih/", views.thanks, name="thanks"),
    path("iklan/klik/<str:token>/", views.click, name="click"),
    path("iklan/laporan/<str:token>/", views.client_report, name="client-report"),
    path("ads.txt", views.ads_txt, name="ads-txt"),
]
