from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def inbox(request):
    return render(
        request, "notifications/inbox.html", {"notifications": request.user.notifications.all()[:50]}
    )
