namespace BitbucketBlazor.Components.Layout;

/// <summary>
/// Presenter mode reaches every page as a named cascading <see cref="bool"/> from the layout:
/// components that show secrets or Reveal buttons read it and keep everything masked.
/// </summary>
public static class PresenterCascade
{
    /// <summary>The cascading value's name: <c>[CascadingParameter(Name = PresenterCascade.Name)] public bool PresenterMode { get; set; }</c>.</summary>
    public const string Name = "PresenterMode";
}
