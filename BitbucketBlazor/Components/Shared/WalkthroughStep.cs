using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>One step of a <see cref="WalkthroughStepper"/>.</summary>
/// <param name="Title">The step's name in the strip.</param>
/// <param name="SecondaryText">The line under the name.</param>
/// <param name="Content">What the step shows when it is open.</param>
public sealed record WalkthroughStep(string Title, string SecondaryText, RenderFragment Content)
{
    /// <summary>Gets whether the step is done: its number becomes a tick. Defaults to false.</summary>
    public bool Completed { get; init; }

    /// <summary>Gets whether the step cannot be opened yet. Defaults to false.</summary>
    public bool Disabled { get; init; }
}
