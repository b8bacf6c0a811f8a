using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// MudBlazor's classes and icons for markup written without its components. What stays on screen for a whole
/// walkthrough is plain HTML in these classes: a MudButton with its MudIcon, or a MudRadio with its input control and
/// icon, is a handful of components kept alive in every attendee's circuit (issue 12).
/// </summary>
public static class MudMarkup
{
    /// <summary>MudButton's classes with <c>Variant.Filled</c> and <c>Color.Primary</c>.</summary>
    public const string FilledPrimaryButton = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";

    /// <summary>MudButton's classes with <c>Variant.Outlined</c> and the default colour.</summary>
    public const string OutlinedButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-medium mud-ripple";

    /// <summary>MudButton's classes with <c>Variant.Outlined</c> and <c>Color.Primary</c>.</summary>
    public const string OutlinedPrimaryButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mud-ripple";

    /// <summary>MudButton's classes with <c>Variant.Outlined</c>, the default colour and <c>Size.Small</c>.</summary>
    public const string SmallOutlinedButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small mud-ripple";

    /// <summary>The span around a small button's leading icon.</summary>
    public const string SmallButtonStartIcon = "mud-button-icon-start mud-button-icon-size-small";

    /// <summary>MudIcon's classes at the small size.</summary>
    public const string SmallIcon = "mud-icon-root mud-svg-icon mud-icon-size-small";

    /// <summary>The span around a button's leading icon.</summary>
    public const string ButtonStartIcon = "mud-button-icon-start mud-button-icon-size-medium";

    /// <summary>The span around a button's trailing icon.</summary>
    public const string ButtonEndIcon = "mud-button-icon-end mud-button-icon-size-medium";

    /// <summary>MudIcon's classes at the medium size.</summary>
    public const string MediumIcon = "mud-icon-root mud-svg-icon mud-icon-size-medium";

    /// <summary>The span MudRadio wraps its input and icon in, coloured primary; add <c>mud-checked</c> when chosen.</summary>
    public const string PrimaryRadioButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-radio mud-primary-text hover:mud-primary-hover";

    /// <summary>Gets the send icon at the medium size, the whole SVG element.</summary>
    public static MarkupString SendIcon { get; } = Svg(MediumIcon, Icons.Material.Filled.Send);

    /// <summary>Gets the previous-page icon at the medium size, the whole SVG element.</summary>
    public static MarkupString ChevronLeftIcon { get; } = Svg(MediumIcon, Icons.Material.Filled.ChevronLeft);

    /// <summary>Gets the next-page icon at the medium size, the whole SVG element.</summary>
    public static MarkupString ChevronRightIcon { get; } = Svg(MediumIcon, Icons.Material.Filled.ChevronRight);

    /// <summary>Gets the information icon at the medium size, the whole SVG element (MudAlert's for <c>Severity.Info</c>).</summary>
    public static MarkupString InfoIcon { get; } = Svg(MediumIcon, Icons.Material.Outlined.Info);

    /// <summary>Gets the success icon at the medium size, the whole SVG element (MudAlert's for <c>Severity.Success</c>).</summary>
    public static MarkupString SuccessIcon { get; } = Svg(MediumIcon, Icons.Custom.Uncategorized.AlertSuccess);

    /// <summary>Gets the error icon at the medium size, the whole SVG element (MudAlert's for <c>Severity.Error</c>).</summary>
    public static MarkupString ErrorIcon { get; } = Svg(MediumIcon, Icons.Material.Outlined.ErrorOutline);

    /// <summary>Gets the note icon at the medium size, the whole SVG element (MudAlert's for <c>Severity.Normal</c>).</summary>
    public static MarkupString NoteIcon { get; } = Svg(MediumIcon, Icons.Material.Outlined.EventNote);

    /// <summary>Gets the warning icon at the medium size, the whole SVG element (MudAlert's for <c>Severity.Warning</c>).</summary>
    public static MarkupString WarningIcon { get; } = Svg(MediumIcon, Icons.Material.Outlined.ReportProblem);

    /// <summary>
    /// MudIcon's whole SVG element for <paramref name="icon"/>, as one markup frame where the element with its attributes
    /// is seven. Keep the result in a static field: every circuit then shares one string, and its diff is one comparison.
    /// </summary>
    /// <param name="iconClass">The classes, for example <see cref="MediumIcon"/>.</param>
    /// <param name="icon">The SVG content, for example <c>Icons.Material.Filled.Send</c>.</param>
    /// <returns>The element's markup.</returns>
    public static MarkupString Svg(string iconClass, string icon) =>
        new($"""<svg class="{iconClass}" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img">{icon}</svg>""");

    /// <summary>MudAlert's markup, dense and in its text variant with a small top margin, for markup written as a string.</summary>
    /// <param name="severity">MudBlazor's severity class suffix: <c>warning</c>, <c>normal</c>, <c>error</c>…</param>
    /// <param name="icon">The alert's icon, for example <see cref="WarningIcon"/>.</param>
    /// <param name="message">The message, plain text (encoded here).</param>
    /// <param name="testId">The alert's <c>data-testid</c>.</param>
    /// <returns>The alert's markup.</returns>
    public static string DenseAlert(string severity, MarkupString icon, string message, string testId) =>
        $"""<div class="mud-alert mud-alert-text-{severity} mud-dense mud-elevation-0 mt-1" data-testid="{testId}"><div class="mud-alert-position justify-start"><div class="mud-alert-icon mud-alert-icon-left">{icon}</div><div class="mud-alert-message">{Encode(message)}</div></div></div>""";

    /// <summary>Text for markup written as a string: HTML-encoded, null as empty. Anything from Bitbucket or a visitor goes through it.</summary>
    /// <param name="text">The text, or null.</param>
    /// <returns>The encoded text.</returns>
    public static string Encode(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");
}
