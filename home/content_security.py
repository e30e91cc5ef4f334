"""The Content-Security-Policy header (settings: CONTENT_SECURITY_POLICY), by django-csp."""

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, except on the requests Wagtail makes up to render a preview
    (it sends them through the middleware too): the admin's response that shows the preview
    carries the admin's policy, which lets the preview panel frame it; the site's would not."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)
