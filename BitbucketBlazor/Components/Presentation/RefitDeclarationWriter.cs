using System.Globalization;
using System.Reflection;
using System.Text;
using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// Writes one method of the app's Refit interfaces as C# a reader can paste next to the Refit
/// snippet, read off the interface itself so the snippet cannot drift from what the app sends.
/// The return type becomes <c>Task&lt;IApiResponse&lt;string&gt;&gt;</c>: the snippet prints the raw
/// JSON and needs none of the app's models.
/// </summary>
internal static class RefitDeclarationWriter
{
    private static readonly Type[] s_interfaces = [typeof(IBitbucketOAuthApi), typeof(IBitbucketRestApi)];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MethodInfo, string> s_declarations = new();

    private static readonly Dictionary<Type, string> s_keywords = new()
    {
        [typeof(string)] = "string",
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(bool)] = "bool",
        [typeof(object)] = "object",
    };

    /// <summary>Writes <paramref name="interfaceName"/> with only the method <paramref name="invocation"/> calls.</summary>
    /// <param name="interfaceName">The interface's simple name, for example <c>IBitbucketRestApi</c>.</param>
    /// <param name="invocation">The call, for example <c>GetCurrentUserAsync(accessToken, CancellationToken.None)</c>.</param>
    /// <exception cref="ArgumentException">The app has no such interface or method.</exception>
    public static string Declare(string interfaceName, string invocation)
    {
        var type = s_interfaces.FirstOrDefault(t => t.Name == interfaceName)
            ?? throw new ArgumentException($"The app has no Refit interface named {interfaceName}.", nameof(interfaceName));
        var methodName = invocation.Split('(', 2)[0].Trim();
        var method = type.GetMethod(methodName)
            ?? throw new ArgumentException($"{interfaceName} has no method {methodName}.", nameof(invocation));

        // Reflection over attributes and nullability is the dearest part of a step's code snippets; a method's
        // declaration never changes, and there are only as many as the interfaces have methods.
        return s_declarations.GetOrAdd(method, Write);
    }

    private static string Write(MethodInfo method)
    {
        var type = method.DeclaringType!;
        var code = new StringBuilder();
        foreach (var attribute in RefitAttributes(type.CustomAttributes))
        {
            code.AppendLine(attribute);
        }

        code.AppendLine(CultureInfo.InvariantCulture, $"public interface {type.Name}");
        code.AppendLine("{");
        foreach (var attribute in RefitAttributes(method.CustomAttributes))
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"    {attribute}");
        }

        var nullability = new NullabilityInfoContext();
        var parameters = method.GetParameters().Select(p =>
            string.Concat(RefitAttributes(p.CustomAttributes).Select(a => a + " ")) + TypeName(p.ParameterType, nullability.Create(p)) + " " + p.Name);
        code.AppendLine(CultureInfo.InvariantCulture, $"    Task<IApiResponse<string>> {method.Name}(");
        code.AppendLine("        " + string.Join(",\n        ", parameters) + ");");
        code.Append('}');
        return code.ToString();
    }

    private static IEnumerable<string> RefitAttributes(IEnumerable<CustomAttributeData> attributes) =>
        attributes.Where(a => a.AttributeType.Namespace == "Refit").Select(Attribute);

    private static string Attribute(CustomAttributeData attribute)
    {
        var name = attribute.AttributeType.Name;
        name = name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
        var constructorParameters = attribute.Constructor.GetParameters();
        var arguments = attribute.ConstructorArguments.Select((argument, i) =>
                constructorParameters[i].IsDefined(typeof(ParamArrayAttribute)) && argument.Value is IReadOnlyCollection<CustomAttributeTypedArgument> items
                    ? string.Join(", ", items.Select(Literal))
                    : Literal(argument))
            .Concat(attribute.NamedArguments.Select(a => $"{a.MemberName} = {Literal(a.TypedValue)}"))
            .ToList();
        return arguments.Count == 0 ? $"[{name}]" : $"[{name}({string.Join(", ", arguments)})]";
    }

    private static string Literal(CustomAttributeTypedArgument argument) => argument.Value switch
    {
        null => "null",
        string text => SnippetLiterals.CSharp(text),
        bool flag => flag ? "true" : "false",
        IReadOnlyCollection<CustomAttributeTypedArgument> items =>
            $"new {TypeName(argument.ArgumentType.GetElementType()!, null)}[] {{ {string.Join(", ", items.Select(Literal))} }}",
        var value when argument.ArgumentType.IsEnum => $"{argument.ArgumentType.Name}.{Enum.GetName(argument.ArgumentType, value)}",
        var value => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private static string TypeName(Type type, NullabilityInfo? nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, null) + "?";
        }

        var name = s_keywords.TryGetValue(type, out var keyword) ? keyword
            : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(t => TypeName(t, null)))}>"
            : type.Name;
        return nullability?.ReadState == NullabilityState.Nullable && !type.IsValueType ? name + "?" : name;
    }
}
