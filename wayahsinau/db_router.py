"""Send public reads to a read replica when DATABASE_REPLICA_URL is set.

Anonymous GET/HEAD requests outside the admin read from the replica; writes,
the admin and anyone with a session (staff, previews) use the primary, so editors
always see what they just saved.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Marks the requests whose reads may go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public_read = (
            request.method in ("GET", "HEAD")
            and not request.path.startswith("/admin/")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = _reads_from_replica.set(public_read)
        try:
            return self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
