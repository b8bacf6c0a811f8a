namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// A message body handed from one component to another as an object rather than a string. Blazor Server writes every
/// string parameter of a child into the render batch it sends the browser, so a body passed down as a string crossed
/// the wire once per component it went through, besides the markup that shows it; an object parameter is not sent.
/// It still reaches the child's code: mask it before handing it down, as any parameter.
/// </summary>
/// <param name="Value">The text.</param>
public sealed record BodyText(string Value)
{
    /// <summary>Wraps <paramref name="text"/>; null stays null.</summary>
    /// <param name="text">The text, or null.</param>
    public static implicit operator BodyText?(string? text) => text is null ? null : new BodyText(text);
}
