"""Who may do what with a community's threads and posts, on top of their standing in it."""

from communities.forum.models import Post, Thread
from communities.membership.access import CommunityAccess


class DiscussionAccess(CommunityAccess):
    """One person's standing in one community's discussions, worked out once per request."""

    def can_read_thread(self, thread: Thread) -> bool:
        if not self.can_read:
            return False
        if thread.is_hidden or thread.is_held:
            return self.can_moderate or (thread.is_held and self.is_author_of(thread))
        return True

    def can_reply(self, thread: Thread) -> bool:
        return self.can_post and (not thread.is_locked or self.can_moderate)

    def is_author_of(self, item: Thread | Post) -> bool:
        return self.is_signed_in and item.author_id == self.user.pk

    def can_edit(self, post: Post) -> bool:
        return (
            self.can_post
            and self.is_author_of(post)
            and not post.is_deleted
            and not post.is_hidden
            and (not post.thread.is_locked or self.can_moderate)
        )

    def can_delete(self, post: Post) -> bool:
        return self.is_author_of(post) and not post.is_deleted and self.is_member

    def can_react(self, post: Post) -> bool:
        return self.can_post and not self.is_author_of(post) and post.is_visible_to_all

    def can_flag(self, post: Post) -> bool:
        return self.can_post and not self.is_author_of(post) and post.is_visible_to_all

    def can_mark_answer(self, thread: Thread) -> bool:
        return self.can_moderate
