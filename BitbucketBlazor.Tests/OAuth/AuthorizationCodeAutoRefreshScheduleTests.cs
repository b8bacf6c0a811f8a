using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

public sealed class AuthorizationCodeAutoRefreshScheduleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private int _refreshes;

    [Fact]
    public void TheRefreshIsDueSixtySecondsBeforeExpiryAndNotEarlier()
    {
        using var schedule = NewSchedule();
        var now = _clock.GetUtcNow();

        schedule.ScheduleFor(now, now.AddHours(2));

        Assert.Equal(now.AddHours(2).AddSeconds(-60), schedule.DueAt);
        _clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(61));
        Assert.Equal(0, _refreshes);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _refreshes);
        Assert.Null(schedule.DueAt);
    }

    [Fact]
    public void AShortLivedTokenIsRefreshedHalfwaySoItCannotLoop()
    {
        using var schedule = NewSchedule();
        var now = _clock.GetUtcNow();

        schedule.ScheduleFor(now, now.AddSeconds(30));

        Assert.Equal(now.AddSeconds(15), schedule.DueAt);
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, _refreshes);
    }

    [Fact]
    public void ReschedulingForANewTokenReplacesThePendingRefresh()
    {
        using var schedule = NewSchedule();
        var now = _clock.GetUtcNow();
        schedule.ScheduleFor(now, now.AddMinutes(10));

        schedule.ScheduleFor(now, now.AddMinutes(20));
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, _refreshes);
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1, _refreshes);
    }

    [Fact]
    public void ATokenAlreadyPastItsRefreshTimeIsRefreshedAtOnce()
    {
        using var schedule = NewSchedule();
        var obtained = _clock.GetUtcNow().AddHours(-2);

        schedule.ScheduleFor(obtained, obtained.AddHours(2).AddSeconds(10));
        _clock.Advance(TimeSpan.Zero);

        Assert.Equal(1, _refreshes);
    }

    [Fact]
    public void DisposingOrCancellingStopsThePendingRefresh()
    {
        var now = _clock.GetUtcNow();
        var cancelled = NewSchedule();
        cancelled.ScheduleFor(now, now.AddMinutes(10));
        var disposed = NewSchedule();
        disposed.ScheduleFor(now, now.AddMinutes(10));

        cancelled.Cancel();
        disposed.Dispose();
        disposed.ScheduleFor(now, now.AddMinutes(10));
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, _refreshes);
        Assert.Null(disposed.DueAt);
        cancelled.Dispose();
    }

    private AutoRefreshSchedule NewSchedule() => new(_clock, () =>
    {
        Interlocked.Increment(ref _refreshes);
        return Task.CompletedTask;
    });
}
