def inbox(request):
    """The number of unread notifications, shown beside "Inbox" in the navigation."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from mobilization.notifications.services import unread_count

    return {"unread_notifications": unread_count(user)}
