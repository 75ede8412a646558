from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mobilization.notifications import services
from mobilization.notifications.delivery import phone_number_of
from mobilization.notifications.models import ChannelPreference, Delivery, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    """The log of what was sent is written by the platform only: staff read it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# What the delivery log shows of each attempt, in a notification's page and in a delivery's own.
DELIVERY_LOG_FIELDS = [
    "channel",
    "status",
    "attempts",
    "last_error",
    "next_attempt_at",
    "sending_since",
    "sent_at",
    "provider_id",
]


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = DELIVERY_LOG_FIELDS
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "shows_in_inbox"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "shows_in_inbox", "created_at"]
    search_fields = ["recipient__email", "subject"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]
    change_list_template = "notifications/admin/notification_change_list.html"

    def get_fields(self, request, obj=None):
        fields = [
            "recipient",
            "kind",
            "language",
            "subject",
            "url",
            "shows_in_inbox",
            "read_at",
            "created_at",
        ]
        if request.user.is_superuser:
            # What was said to a person is theirs: only superusers read the body, for support.
            fields[4:4] = ["body", "sms_text"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_urls(self):
        return [
            path(
                "send-test/",
                self.admin_site.admin_view(self.send_test_view),
                name="notifications_notification_send_test",
            ),
            *super().get_urls(),
        ]

    def send_test_view(self, request):
        """Send a test notification to me: a confirmation page, then a message on every channel I have."""
        if request.method == "POST":
            notifications = services.send_test_message(request.user, by=request.user)
            if notifications:
                self.message_user(
                    request,
                    _("A test notification is on its way to you: see its deliveries below."),
                    messages.SUCCESS,
                )
                return redirect(
                    reverse("admin:notifications_notification_change", args=[notifications[0].pk])
                )
            self.message_user(
                request, _("No test notification was sent: your account is inactive."), messages.ERROR
            )
            return redirect(reverse("admin:notifications_notification_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Send a test notification to me"),
            "email": request.user.email,
            "has_phone_number": bool(phone_number_of(request.user)),
        }
        return TemplateResponse(request, "notifications/admin/send_test.html", context)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "notification",
        "kind",
        "channel",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "channel", "notification__kind", "created_at"]
    search_fields = ["notification__recipient__email", "provider_id"]
    list_select_related = ["notification"]
    readonly_fields = ["notification", *DELIVERY_LOG_FIELDS, "created_at", "updated_at"]
    fields = readonly_fields
    actions = ["retry_now"]

    @admin.display(description=_("kind"), ordering="notification__kind")
    def kind(self, delivery):
        return delivery.notification.kind

    @admin.action(description=_("Try the selected failed deliveries again now"))
    def retry_now(self, request, queryset):
        count = services.retry_now(queryset.filter(status=Delivery.Status.FAILED), by=request.user)
        self.message_user(
            request,
            ngettext("%(count)d delivery is queued again.", "%(count)d deliveries are queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class ChannelPreferenceForm(forms.ModelForm):
    class Meta:
        model = ChannelPreference
        fields = ["user", "kind", "channel", "enabled"]

    def clean(self):
        cleaned = super().clean()
        kind, channel = cleaned.get("kind"), cleaned.get("channel")
        if kind and channel:
            try:
                services.check_preference(kind, channel)
            except services.PreferenceNotAllowed as refusal:
                raise forms.ValidationError(str(refusal)) from None
        return cleaned


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(admin.ModelAdmin):
    form = ChannelPreferenceForm
    list_display = ["user", "kind", "channel", "enabled", "updated_at"]
    list_filter = ["kind", "channel", "enabled"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
