"""Media on the filesystem by default, in S3-compatible object storage on request."""

from tests.test_settings import run_manage

SHOW_STORAGE = (
    "from django.core.files.storage import storages; s = storages['default']; "
    "print(type(s).__module__, type(s).__name__); "
    "print(getattr(s, 'bucket_name', '-'), getattr(s, 'endpoint_url', '-'), "
    "getattr(s, 'region_name', '-'), getattr(s, 'querystring_auth', '-')); "
    "print(s.url('figures/2026/11/foto.jpg'))"
)
S3_ENV = {
    "DJANGO_MEDIA_STORAGE": "s3",
    "AWS_STORAGE_BUCKET_NAME": "wayahsinau-media",
    "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "AWS_S3_REGION_NAME": "ap-southeast-3",
    "AWS_ACCESS_KEY_ID": "kunci-uji",
    "AWS_SECRET_ACCESS_KEY": "rahasia-uji",
}


def test_media_stays_on_the_filesystem_by_default():
    result = run_manage("shell", "-c", SHOW_STORAGE, env_overrides={})

    assert result.returncode == 0, result.stderr
    assert "FileSystemStorage" in result.stdout
    assert "/media/figures/2026/11/foto.jpg" in result.stdout


def test_s3_setting_selects_the_object_storage_backend():
    result = run_manage("shell", "-c", SHOW_STORAGE, env_overrides=S3_ENV)

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()[-3:]
    assert lines[0] == "storages.backends.s3 S3Storage"
    assert lines[1] == ("wayahsinau-media http://127.0.0.1:9000 ap-southeast-3 False")
    # Public, unsigned URLs that a CDN can cache; building them needs no network.
    assert lines[2].startswith("http://127.0.0.1:9000/wayahsinau-media/figures/")
    assert "Signature" not in lines[2]


def test_s3_media_can_be_served_from_a_cdn_domain():
    env = {**S3_ENV, "AWS_S3_CUSTOM_DOMAIN": "media.wayahsinau.example"}
    result = run_manage("shell", "-c", SHOW_STORAGE, env_overrides=env)

    assert result.returncode == 0, result.stderr
    assert "https://media.wayahsinau.example/figures/2026/11/foto.jpg" in result.stdout


def test_s3_without_a_bucket_or_an_unknown_storage_refuses_to_start():
    no_bucket = {**S3_ENV, "AWS_STORAGE_BUCKET_NAME": ""}
    result = run_manage("check", env_overrides=no_bucket)
    assert result.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in result.stderr

    result = run_manage("check", env_overrides={"DJANGO_MEDIA_STORAGE": "ftp"})
    assert result.returncode != 0
    assert "DJANGO_MEDIA_STORAGE" in result.stderr
