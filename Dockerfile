# The one image behind web, worker and beat (see docker-compose.yml).

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY assets ./assets
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=connected_places.settings.production
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY --chown=app:app . .
COPY --from=assets --chown=app:app /build/assets/build ./assets/build
RUN pip install --no-cache-dir --no-deps -e . \
    && DJANGO_SECRET_KEY=collectstatic-only DJANGO_ALLOWED_HOSTS=localhost \
       DATABASE_URL=sqlite:////tmp/unused.sqlite3 REDIS_URL=redis://localhost:6379/0 \
       WAGTAILADMIN_BASE_URL=http://localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/private-media && chown -R app:app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "connected_places.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
