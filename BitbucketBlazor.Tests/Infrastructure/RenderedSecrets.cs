using System.Collections;
using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// What of a bUnit render would travel to the browser in Blazor Server: the markup (element text and attributes), every
/// string a component hands a child as a parameter (an attribute frame in the parent's render tree, serialized into the
/// render batch whatever the child then shows), and the arguments of every JS interop call.
/// </summary>
internal static class RenderedSecrets
{
    /// <summary>Fails when any of <paramref name="secrets"/> is in what <paramref name="root"/> would send, naming where.</summary>
    public static void AssertNotSent(IRenderedComponent<IComponent> root, BunitJSInterop js, params string[] secrets)
    {
        var sent = WhatIsSent(root, js);
        foreach (var secret in secrets)
        {
            var found = sent.FirstOrDefault(s => s.Value.Contains(secret, StringComparison.Ordinal));
            Assert.True(found.Value is null, $"'{secret}' would reach the browser in {found.Where}.");
        }
    }

    /// <summary>Gets every string of <paramref name="root"/>'s render that the browser would receive, with where it is.</summary>
    public static IReadOnlyList<(string Where, string Value)> WhatIsSent(IRenderedComponent<IComponent> root, BunitJSInterop js)
    {
        var sent = new List<(string Where, string Value)> { ("the markup", root.Markup) };
        foreach (var component in root.FindComponents<IComponent>().Select(c => c.Instance).Prepend<IComponent>(root.Instance))
        {
            foreach (var property in component.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.IsDefined(typeof(ParameterAttribute)) && p.GetIndexParameters().Length == 0))
            {
                foreach (var text in Strings(property.GetValue(component)))
                {
                    sent.Add(($"parameter {property.Name} of {component.GetType().Name}", text));
                }
            }
        }

        foreach (var invocation in js.Invocations)
        {
            sent.AddRange(invocation.Arguments.SelectMany(Strings).Select(a => ($"the JS call {invocation.Identifier}", a)));
        }

        return sent;
    }

    // A string parameter is sent as is; the strings of a list of pairs are what its child renders from it. A BodyText
    // is not sent itself, but its child renders from it: counted as sent, so it too must be masked before it is handed down.
    private static IEnumerable<string> Strings(object? value) => value switch
    {
        string text => [text],
        BitbucketBlazor.Components.Presentation.BodyText body => [body.Value],
        IEnumerable<KeyValuePair<string, string>> pairs => pairs.SelectMany(p => new[] { p.Key, p.Value }),
        IEnumerable<string> texts => texts,
        IEnumerable items and not IDictionary => items.OfType<string>(),
        _ => [],
    };
}
