using System.Reflection;
using BitbucketBlazor.Components.Pages.ClientCredentials;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.RenderTree;

namespace BitbucketBlazor.Tests.Performance;

/// <summary>
/// A guard of issue 12, counted rather than timed: how many pieces of markup a step's answer sends. Blazor sends static
/// HTML (and the whitespace between elements) as markup frames, and the browser builds a new HTML parser for each one
/// when the step appears (a Chromium trace of the token step: 7.4 ms of parser construction for 57 pieces). These
/// bounds catch a static row, a whitespace run or a per-item chip coming back as a piece of its own.
/// </summary>
public sealed class MarkupPieceBudgetTests : WalkthroughContext
{
    // Counted when written: the token response step 30 (its alert, exchange viewer, inspector and buttons; 43 before
    // the inspector's rows and scopes were one string each), the endpoint radios 10 (an icon and a label per radio; 20
    // with the whitespace between them).
    private const int MaxTokenResponsePieces = 32;
    private const int MaxEndpointChoicePieces = 10;

    private static readonly MethodInfo s_currentFrames = typeof(Renderer).GetMethod(
        "GetCurrentRenderTreeFrames", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(int)])!;

    [Fact]
    public async Task TheTokenResponseStepSendsFewPiecesOfMarkup()
    {
        var token = await HoldTokenAsync();
        var step = Render<TokenResponseStep>(p => p.Add(x => x.Result, FakeTokenClient.Success(PrivateDemo, token)));
        Assert.NotNull(step.Find("[data-testid=token-inspector]"));

        var pieces = MarkupPieces(step);

        Assert.InRange(pieces, 1, MaxTokenResponsePieces);
    }

    [Fact]
    public void TheEndpointRadiosSendFewPiecesOfMarkup()
    {
        var choice = Render<EndpointChoice>();
        Assert.Equal(Enum.GetValues<ApiEndpoint>().Length, choice.FindAll("input[type=radio]").Count);

        var pieces = MarkupPieces(choice);

        Assert.InRange(pieces, 1, MaxEndpointChoicePieces);
    }

    // Markup frames in the current render trees of the component and every component under it. Reading the frames is the
    // point of this guard (what the renderer sends), hence the framework's render-tree types despite BL0006: should they
    // change, this count is the thing to update.
#pragma warning disable BL0006
    private int MarkupPieces(IRenderedComponent<IComponent> root) =>
        root.FindComponents<IComponent>().Select(c => c.ComponentId).Prepend(root.ComponentId).Sum(id =>
        {
            var frames = (ArrayRange<RenderTreeFrame>)s_currentFrames.Invoke(Renderer, [id])!;
            return frames.Array.Take(frames.Count).Count(f => f.FrameType == RenderTreeFrameType.Markup);
        });
#pragma warning restore BL0006
}
