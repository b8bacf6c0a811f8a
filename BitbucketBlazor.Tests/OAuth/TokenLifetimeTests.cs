using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

/// <summary>An <c>expires_in</c> outside a sane range is clamped and explained; the refresh timer copes with any due time.</summary>
public sealed class TokenLifetimeTests
{
    [Theory]
    [InlineData(7200, 7200)]
    [InlineData(0, 60)]
    [InlineData(-5, 60)]
    [InlineData(int.MaxValue, 86_400)]
    public void TheCountedLifetimeIsClampedToOneMinuteToOneDay(int expiresIn, int counted) =>
        Assert.Equal(TimeSpan.FromSeconds(counted), TokenLifetime.Of(expiresIn));

    [Fact]
    public void AClampedLifetimeIsExplainedAndABitbucketOneIsNot()
    {
        Assert.Null(TokenLifetime.Explain(7200));
        Assert.Contains("expires_in was 0 s", TokenLifetime.Explain(0), StringComparison.Ordinal);
        Assert.Contains("counts 60 s", TokenLifetime.Explain(0), StringComparison.Ordinal);
        Assert.Contains("counts 86400 s", TokenLifetime.Explain(int.MaxValue), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenStateCountsAZeroLifetimeAsOneMinuteSoAutoRefreshCannotSpin()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var state = new TokenState(clock);

        await state.SetTokenAsync(new("AT", "account", 0, "RT", "bearer", "client_credentials"), "client_credentials");

        Assert.Equal(clock.GetUtcNow().AddMinutes(1), state.ExpiresAt);
        Assert.Equal(clock.GetUtcNow().AddSeconds(30), AutoRefreshSchedule.DueFor(state.ObtainedAt, state.ExpiresAt));
    }

    [Fact]
    public void ADueTimeYearsAwayIsReachedInSeveralWaitsWithoutATimerError()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var fired = 0;
        using var schedule = new AutoRefreshSchedule(clock, () => { fired++; return Task.CompletedTask; });
        var due = clock.GetUtcNow().AddYears(70);

        schedule.ScheduleAt(due);
        clock.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, fired);
        Assert.Equal(due, schedule.DueAt);

        clock.Advance(due - clock.GetUtcNow());
        Assert.Equal(1, fired);
        Assert.Null(schedule.DueAt);
    }
}
